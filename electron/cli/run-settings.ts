// The settings a `haul get` run overrides for itself (they are not saved): from its options, the
// files they name (checked before anything starts) and the environment's proxy variables.
import { readFile } from 'node:fs/promises';
import type { Settings } from '../../shared/models/settings';
import { parseProxyUrl } from '../engine/http/proxy-route';
import { parseCaBundle } from '../engine/http/tls-trust';
import { UsageError, type GetOptions } from './args';

export async function settingsFrom(opts: GetOptions, env: NodeJS.ProcessEnv): Promise<Partial<Settings>> {
  const overrides: Partial<Settings> = {};
  if (opts.connections !== null) overrides.connectionsPerJob = opts.connections;
  if (opts.maxJobs !== null) overrides.maxJobs = opts.maxJobs;
  if (opts.maxPerHost !== null) overrides.maxPerHost = opts.maxPerHost;
  if (opts.limit !== null) overrides.globalSpeedLimit = opts.limit;
  if (opts.tries !== null) overrides.maxTries = opts.tries;
  if (opts.timeoutMs !== null) overrides.connectTimeoutMs = opts.timeoutMs;
  if (opts.stallTimeoutMs !== null) overrides.stallTimeoutMs = opts.stallTimeoutMs;
  if (opts.userAgent !== null) overrides.userAgent = opts.userAgent;
  if (opts.insecure) overrides.tlsVerifyCertificates = false;
  if (opts.caCertificate !== null) overrides.tlsExtraCaCertificates = await readCaFile(opts.caCertificate);
  Object.assign(overrides, proxySettings(opts, env));
  return overrides;
}

/** A file an option names; a usage error (exit 2) when it cannot be read. */
export async function readOptionFile(option: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${option} ${path}: ${(err as Error).message}`);
  }
}

/** The PEM file of --ca-certificate, checked before anything starts. */
async function readCaFile(path: string): Promise<string> {
  const pem = await readOptionFile('--ca-certificate', path);
  try {
    parseCaBundle(pem);
  } catch (err) {
    throw new UsageError(`--ca-certificate ${path}: ${(err as Error).message}`);
  }
  return pem;
}

/** --proxy / --no-proxy, else the environment's proxy variables, the way curl reads them. */
function proxySettings(opts: GetOptions, env: NodeJS.ProcessEnv): Partial<Settings> {
  const pick = (...names: string[]): [string, string] | null => {
    for (const n of names) if (env[n] !== undefined) return [`$${n}`, env[n]!];
    return null;
  };
  const proxy: [string, string] | null = opts.proxy !== null ? ['--proxy', opts.proxy] : pick('https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
  const bypass: [string, string] | null = opts.noProxy !== null ? ['--no-proxy', opts.noProxy] : pick('no_proxy', 'NO_PROXY');
  const out: Partial<Settings> = {};
  if (proxy) {
    const [from, url] = proxy;
    if (url.trim() !== '') {
      try {
        parseProxyUrl(url.trim());
      } catch (err) {
        throw new UsageError(`invalid proxy in ${from}: ${(err as Error).message}`);
      }
    }
    out.proxyUrl = url.trim();
  }
  if (bypass) out.proxyBypass = bypass[1];
  return out;
}
