#!/usr/bin/env node
// Launcher: the CLI is TypeScript, run through tsx so `npx haul` works straight after install.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
