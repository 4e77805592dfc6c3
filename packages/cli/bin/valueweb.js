#!/usr/bin/env node
// The `valueweb` command. Runs the TypeScript sources directly (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
