import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';

export function blockRoutes(_app: App, _ctx: AppContext): void {}
