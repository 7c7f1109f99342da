// Every schema change is a new file here, appended in order. Never edit a shipped migration.
import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-post-processing';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
