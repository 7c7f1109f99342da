// zod/mini: the same schemas as the rest of the contract, but tree-shakable, so the CLI (which
// only needs these) does not load all of zod at start (-20 ms). Mini does not pick a language for
// its messages by itself: English, as the full zod does.
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

export const MIB = 1024 * 1024;

const int = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

const shape = {
  /** Empty string means "the platform's Downloads folder", resolved by the engine. */
  downloadDir: z.string(),
  maxJobs: int(1, 100),
  connectionsPerJob: int(1, 64),
  maxPerHost: int(1, 256),
  minSplitSize: int(64 * 1024, 1024 * MIB),
  /** Bytes per second across all jobs; null = unlimited. */
  globalSpeedLimit: z.nullable(z.number().check(z.int(), z.minimum(1))),
  /** Bytes per second for each new download that sets no limit of its own; null = unlimited. */
  defaultSpeedLimit: z.nullable(z.number().check(z.int(), z.minimum(1))),
  maxTries: int(1, 100),
  connectTimeoutMs: int(100, 600_000),
  /** No body bytes for this long and the connection is treated as stalled and retried. */
  stallTimeoutMs: int(100, 600_000),
  userAgent: z.string().check(z.minLength(1), z.maxLength(512)),
  /** Worker processes for hashing and extraction; 0 = one fewer than the cores (at least 1). */
  poolSize: int(0, 64),
  /** Extract archives after download unless a job says otherwise. */
  extractArchives: z.boolean(),
  /** Delete an archive after it was fully extracted. */
  deleteArchiveAfterExtract: z.boolean(),
  /** PEM certificates of extra authorities to trust for HTTPS (a company or home CA); '' = none. */
  tlsExtraCaCertificates: z.string().check(z.maxLength(1024 * 1024)),
  /** False accepts any server certificate (like curl -k): only for servers the user trusts. */
  tlsVerifyCertificates: z.boolean(),
  /** Also trust the authorities the operating system trusts (a company's proxy or in-house CA), as browsers do. */
  tlsUseSystemCertificates: z.boolean(),
  /** Proxy for every download: http://[user:password@]host:port, https://, socks5:// or socks5h:// (the proxy resolves names); '' = direct. */
  proxyUrl: z.string().check(z.maxLength(2048)),
  /** Hosts reached without the proxy, comma-separated, as NO_PROXY: `example.com`, `.lan`, `host:8080`, `*`. */
  proxyBypass: z.string().check(z.maxLength(8192)),
};

export const SettingsSchema = z.object(shape);
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatchSchema = z.partial(z.strictObject(shape));
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  downloadDir: '',
  maxJobs: 5,
  connectionsPerJob: 8,
  maxPerHost: 16,
  minSplitSize: MIB,
  globalSpeedLimit: null,
  defaultSpeedLimit: null,
  maxTries: 5,
  connectTimeoutMs: 15_000,
  stallTimeoutMs: 30_000,
  userAgent: 'Haul/0.1 (+https://github.com/haul-dm/haul)',
  poolSize: 0,
  extractArchives: false,
  deleteArchiveAfterExtract: false,
  tlsExtraCaCertificates: '',
  tlsVerifyCertificates: true,
  tlsUseSystemCertificates: true,
  proxyUrl: '',
  proxyBypass: '',
};
