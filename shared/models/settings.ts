import { z } from 'zod';

export const MIB = 1024 * 1024;

export const SettingsSchema = z.object({
  /** Empty string means "the platform's Downloads folder", resolved by the engine. */
  downloadDir: z.string(),
  maxJobs: z.number().int().min(1).max(100),
  connectionsPerJob: z.number().int().min(1).max(64),
  maxPerHost: z.number().int().min(1).max(256),
  minSplitSize: z.number().int().min(64 * 1024).max(1024 * MIB),
  /** Bytes per second across all jobs; null = unlimited. */
  globalSpeedLimit: z.number().int().min(1).nullable(),
  maxTries: z.number().int().min(1).max(100),
  connectTimeoutMs: z.number().int().min(100).max(600_000),
  /** No body bytes for this long and the connection is treated as stalled and retried. */
  stallTimeoutMs: z.number().int().min(100).max(600_000),
  userAgent: z.string().min(1).max(512),
  /** Worker processes for hashing and extraction; 0 = one fewer than the cores (at least 1). */
  poolSize: z.number().int().min(0).max(64),
  /** Extract archives after download unless a job says otherwise. */
  extractArchives: z.boolean(),
  /** Delete an archive after it was fully extracted. */
  deleteArchiveAfterExtract: z.boolean(),
});

export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  downloadDir: '',
  maxJobs: 5,
  connectionsPerJob: 8,
  maxPerHost: 16,
  minSplitSize: MIB,
  globalSpeedLimit: null,
  maxTries: 5,
  connectTimeoutMs: 15_000,
  stallTimeoutMs: 30_000,
  userAgent: 'Haul/0.1 (+https://github.com/haul-dm/haul)',
  poolSize: 0,
  extractArchives: false,
  deleteArchiveAfterExtract: false,
};
