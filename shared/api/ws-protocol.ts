// The WebSocket wire protocol of `haul serve`: JSON text frames, one message each.
//
//   browser → server   { id, channel, input }         a command of the contract (channel + input)
//   server → browser   { id, result }                 its answer: a Result, as IPC returns it
//                      { event, payload }             an event of EventMap
//                      { error }                      a frame that could not be read (no usable id)
//
// Both sides parse every frame with these schemas before using it. A frame over MAX_FRAME_BYTES
// closes the connection (1009); a stuck client is closed with CLOSE_TOO_SLOW and lists again
// when it reconnects.
// zod/mini: the page parses every frame with these, and full zod cost its first screen ~40 ms to load.
import * as z from 'zod/mini';
import type { ErrorInfo } from '../errors';
import type { Result } from './result';

/** Where the API is served, on the same origin as the UI. */
export const WS_PATH = '/api';

/** Big enough for a 10,000-line URL list with headers; anything larger closes the connection. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** Close code for a client that stayed too far behind for too long (it reconnects and lists again). */
export const CLOSE_TOO_SLOW = 4008;

export const ClientFrameSchema = z.strictObject({
  id: z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  channel: z.string().check(z.minLength(1), z.maxLength(64)),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

const ErrorInfoSchema = z.object({ code: z.string(), message: z.string(), httpStatus: z.optional(z.number()) });
const ResultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ErrorInfoSchema })]);

export const ServerFrameSchema = z.union([
  z.object({ id: z.number().check(z.int(), z.minimum(0)), result: ResultSchema }),
  z.object({ event: z.string().check(z.minLength(1), z.maxLength(64)), payload: z.unknown() }),
  z.object({ error: ErrorInfoSchema }),
]);

export type ServerFrame = { id: number; result: Result<unknown> } | { event: string; payload: unknown } | { error: ErrorInfo };
