import './ratings.css';
export { RatePerson } from './rate-person';
export { RatingSummary } from './rating-summary';
