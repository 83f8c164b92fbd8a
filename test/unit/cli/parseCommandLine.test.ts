import { describe, expect, it } from 'vitest';
import { CliError } from '../../../main/cli/CliError';
import { COMMANDS } from '../../../main/cli/commandTable';
import { parseCommandLine } from '../../../main/cli/parseCommandLine';

const parse = (...argv: string[]) => parseCommandLine(argv, COMMANDS);

function usage(argv: string[]): CliError {
  try {
    parse(...argv);
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('finds the command with common options before or after it', () => {
    const a = parse('--data-dir', 'incident', 'incident', 'show', 'IR-2026-0001', '--json');
    expect(a).toMatchObject({ kind: 'run', args: ['IR-2026-0001'], values: { 'data-dir': 'incident', json: true } });
    expect(a.kind === 'run' && a.spec.words).toEqual(['incident', 'show']);
  });

  it('does not take an option value for a command word', () => {
    const r = parse('incident', 'note', 'IR-2026-0001', '--text', 'list');
    expect(r).toMatchObject({ kind: 'run', args: ['IR-2026-0001'], values: { text: 'list' } });
  });

  it('gives a variadic positional (PATH…) every remaining argument, and needs at least one', () => {
    expect(parse('runbook', 'lint', 'a.yaml', 'b.yaml', '--json')).toMatchObject({ kind: 'run', args: ['a.yaml', 'b.yaml'], values: { json: true } });
    expect(usage(['runbook', 'lint']).exitCode).toBe(2);
    expect(usage(['runbook', 'list', 'extra']).exitCode).toBe(2);
  });

  it('answers help for the CLI, a group and a command', () => {
    expect(parse('--help')).toMatchObject({ kind: 'help' });
    expect(parse('-h')).toMatchObject({ kind: 'help' });
    expect(parse('help')).toMatchObject({ kind: 'help' });
    const group = parse('incident', '--help');
    expect(group.kind === 'help' && group.text).toContain('incident status REF STATUS');
    const command = parse('evidence', 'export', '--help');
    expect(command.kind === 'help' && command.text).toContain('--out FILE');
  });

  it('rejects options of other commands and unknown ones with exit 2', () => {
    expect(usage(['incident', 'list', '--title', 'x']).exitCode).toBe(2);
    expect(usage(['log', 'verify', '--force']).message).toMatch(/unknown option --force/);
    expect(usage(['init']).message).toMatch(/init needs --admin NAME/);
    expect(usage(['--version', 'init']).message).toMatch(/unknown option --version/);
  });

  it('knows --version only on its own', () => {
    expect(parse('--version')).toEqual({ kind: 'version' });
  });
});
