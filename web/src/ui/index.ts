export { Button, type ButtonProps } from './button';
export { EmptyState } from './empty-state';
export { ErrorNotice } from './error-notice';
export { Field } from './field';
export { Loading } from './loading';
export { Page } from './page';
export { Avatar } from './avatar';
export { RelativeTime } from './relative-time';
