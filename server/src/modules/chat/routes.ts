import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';

export function chatRoutes(_app: App, _ctx: AppContext): void {}
