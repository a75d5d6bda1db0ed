import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';

export async function realtimeRoutes(_app: App, _ctx: AppContext): Promise<void> {}
