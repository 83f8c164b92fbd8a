import { GLOBAL_OPTIONS } from './globalOptions';
import type { CommandSpec, OptionSpec } from './types';

const EXIT_CODES = 'Exit codes: 0 ok, 1 error, 2 usage error, 3 authentication failed, 4 integrity failure.';

export function commandLine(spec: CommandSpec): string {
  return [...spec.words, ...spec.positionals].join(' ');
}

export function globalHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => commandLine(c).length));
  return [
    'Usage: firebreak <command> [options]',
    '',
    'Firebreak, the offline incident response console, from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${commandLine(c).padEnd(width)}  ${c.summary}`),
    '',
    'Common options:',
    formatOptions(GLOBAL_OPTIONS),
    '',
    EXIT_CODES,
    'Run `firebreak <command> --help` for the options of a command. Full reference: docs/cli.md',
  ].join('\n');
}

/** `group`: one or more command words, space-separated (`incident`, `backup plan`). */
export function groupHelp(group: string, commands: readonly CommandSpec[]): string {
  const prefix = group.split(' ');
  const members = commands.filter((c) => c.words.length > prefix.length && prefix.every((w, i) => c.words[i] === w));
  const width = Math.max(...members.map((c) => commandLine(c).length));
  return [
    `Usage: firebreak ${group} <subcommand> [options]`,
    '',
    'Subcommands:',
    ...members.map((c) => `  ${commandLine(c).padEnd(width)}  ${c.summary}`),
    '',
    `Run \`firebreak ${group} <subcommand> --help\` for its options.`,
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const usage = [
    'firebreak',
    commandLine(spec),
    ...Object.entries(spec.options).map(([name, o]) => {
      const text = o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`;
      const shown = o.required ? text : `[${text}]`;
      return o.multiple ? `${shown}…` : shown;
    }),
    '[common options]',
  ].join(' ');
  const parts = [`Usage: ${usage}`, '', capitalize(spec.summary) + '.'];
  if (Object.keys(spec.options).length > 0) parts.push('', 'Options:', formatOptions(spec.options));
  parts.push('', 'Common options:', formatOptions(GLOBAL_OPTIONS));
  if (spec.details) parts.push('', spec.details);
  if (spec.examples && spec.examples.length > 0) parts.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  parts.push('', EXIT_CODES);
  return parts.join('\n');
}

function formatOptions(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, `${o.description}${o.required ? ' (required)' : ''}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
