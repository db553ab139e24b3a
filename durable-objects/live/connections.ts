/**
 * Live followers of a Durable Object over hibernatable WebSockets (the partyserver idea, kept
 * small). Everything about a socket lives in its attachment under the `felt` namespace, never
 * in instance fields, so it survives the DO hibernating between events.
 */

export type SocketRole = 'public' | 'staff';

export interface SocketState {
  readonly role: SocketRole;
  /** Last seq this follower has been sent. */
  readonly lastSeq: number;
  readonly connectedAt: number;
  /** The signed-in staff member on a staff socket (closed when their sessions are revoked). */
  readonly userId?: string;
}

interface Attachment {
  readonly felt: SocketState;
}

export function socketState(ws: WebSocket): SocketState | null {
  const a = ws.deserializeAttachment() as Attachment | null;
  return a?.felt ?? null;
}

export function setSocketState(ws: WebSocket, state: SocketState): void {
  ws.serializeAttachment({ felt: state } satisfies Attachment);
}

/** Accepts a server socket with the Hibernation API, tagged with its role for filtered sends. */
export function acceptSocket(ctx: DurableObjectState, ws: WebSocket, state: SocketState): void {
  ctx.acceptWebSocket(ws, [state.role]);
  setSocketState(ws, state);
}

export function sockets(ctx: DurableObjectState, role?: SocketRole): WebSocket[] {
  return role === undefined ? ctx.getWebSockets() : ctx.getWebSockets(role);
}

/** Sends to one socket; a socket that is closing is skipped, not an error. */
export function send(ws: WebSocket, message: unknown): boolean {
  try {
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    return true;
  } catch {
    return false;
  }
}
