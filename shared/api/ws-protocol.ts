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
import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import type { Result } from './result';

/** Where the API is served, on the same origin as the UI. */
export const WS_PATH = '/api';

/** Big enough for a 10,000-line URL list with headers; anything larger closes the connection. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** Close code for a client that stayed too far behind for too long (it reconnects and lists again). */
export const CLOSE_TOO_SLOW = 4008;

export const ClientFrameSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    channel: z.string().min(1).max(64),
    input: z.unknown(),
  })
  .strict();
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

const ErrorInfoSchema = z.object({ code: z.string(), message: z.string(), httpStatus: z.number().optional() });
const ResultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ErrorInfoSchema })]);

export const ServerFrameSchema = z.union([
  z.object({ id: z.number().int().min(0), result: ResultSchema }),
  z.object({ event: z.string().min(1).max(64), payload: z.unknown() }),
  z.object({ error: ErrorInfoSchema }),
]);

export type ServerFrame = { id: number; result: Result<unknown> } | { event: string; payload: unknown } | { error: ErrorInfo };
