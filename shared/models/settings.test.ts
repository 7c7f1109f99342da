// Settings validate with zod/mini (so the CLI loads little of zod): the messages must still be clear
// English when nothing else has loaded the full zod, as in the CLI.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema } from './settings';

describe('settings schemas', () => {
  it('accept the defaults and reject out-of-range or unknown values with clear messages', () => {
    expect(SettingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    const bad = SettingsPatchSchema.safeParse({ maxJobs: 0, connectionsPerJob: 2.5, bogus: true });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'maxJobs: Too small: expected number to be >=1',
        expect.stringMatching(/^connectionsPerJob: .*int/i),
        expect.stringMatching(/^: Unrecognized key: "bogus"/),
      ]),
    );
  });

  it('patches are partial: one known key is enough', () => {
    expect(SettingsPatchSchema.safeParse({ globalSpeedLimit: null }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ globalSpeedLimit: 0 }).success).toBe(false);
  });
});
