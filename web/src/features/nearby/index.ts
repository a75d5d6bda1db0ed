export { NearbyPage } from './nearby-page';
