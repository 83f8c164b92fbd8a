#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx, so a checkout works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
const code = await main(process.argv.slice(2));

// Exit explicitly (a stray timer must not keep a finished run alive), after stdout and stderr
// have drained so piped output is never cut short.
const drain = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(code);
