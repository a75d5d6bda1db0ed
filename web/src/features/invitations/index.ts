export { Countdown } from './countdown';
export { InboxPage } from './inbox-page';
export { invitationKeys, useInvitations, usePendingReceivedCount } from './use-invitations';
