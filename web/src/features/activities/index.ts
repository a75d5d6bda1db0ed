import './activities.css';
export { ActivitiesPage } from './activities-page';
export { ActivityPage } from './activity-page';
export { EditActivityPage } from './edit-activity-page';
export { NewActivityPage } from './new-activity-page';
