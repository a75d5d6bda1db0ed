export { MePage } from './me-page';
export { PersonPage } from './person-page';
