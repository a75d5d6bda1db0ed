export { BlockedPeople } from './blocked-people';
export { BlockPerson } from './block-person';
export { useBlocks } from './queries';
