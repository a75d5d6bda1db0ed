import './cards.css';
export { CardsPage } from './cards-page';
export { CollectCardButton } from './collect-card-button';
