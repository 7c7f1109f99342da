// Every schema change is a new file here, appended in order. Never edit a shipped migration.
import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-post-processing';
import { migration003 } from './003-sealed-secrets';
import { migration004 } from './004-placed-file';
import { migration005 } from './005-jobs-by-status';
import { migration006 } from './006-ui-prefs';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
