import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './CliError';
import { GLOBAL_OPTIONS } from './globalOptions';
import { commandHelp, globalHelp, groupHelp } from './helpText';
import type { CommandSpec, OptionSpec, OptionValues } from './types';

export type ParsedCommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'run'; spec: CommandSpec; values: OptionValues; args: string[] };

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Two passes: a lenient one over every known option finds the command words (an option's value
 * must not be mistaken for one), then a strict one with exactly that command's options.
 */
export function parseCommandLine(argv: string[], commands: readonly CommandSpec[]): ParsedCommandLine {
  const everyOption: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const c of commands) Object.assign(everyOption, c.options);
  const loose = parseArgs({
    args: argv,
    options: { ...toParseOptions(everyOption), version: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  let words = loose.positionals;
  let wantsHelp = loose.values.help === true;
  if (words[0] === 'help') {
    words = words.slice(1);
    wantsHelp = true;
  }

  if (words.length === 0) {
    if (wantsHelp) return { kind: 'help', text: globalHelp(commands) };
    if (loose.values.version === true && argv.length === 1) return { kind: 'version' };
    throw usageError('missing command (see firebreak --help)');
  }

  const spec = findCommand(words, commands);
  if (spec === undefined) {
    const group = words[0] as string;
    const isGroup = commands.some((c) => c.words.length > 1 && c.words[0] === group);
    if (isGroup && (wantsHelp || words.length === 1)) {
      if (wantsHelp) return { kind: 'help', text: groupHelp(group, commands) };
      const subs = commands.filter((c) => c.words[0] === group).map((c) => c.words[1]);
      throw usageError(`${group} needs a subcommand: ${subs.join(', ')} (see firebreak ${group} --help)`);
    }
    const shown = isGroup ? words.slice(0, 2).join(' ') : group;
    throw usageError(`unknown command "${shown}" (see firebreak --help)`);
  }
  if (wantsHelp) return { kind: 'help', text: commandHelp(spec) };

  const name = spec.words.join(' ');
  let strict: { values: OptionValues; positionals: string[] };
  try {
    strict = parseArgs({
      args: argv,
      options: toParseOptions({ ...GLOBAL_OPTIONS, ...spec.options }),
      strict: true,
      allowPositionals: true,
    }) as { values: OptionValues; positionals: string[] };
  } catch (err) {
    throw usageError(`${describeParseError(err)} (see firebreak ${name} --help)`);
  }

  const args = strict.positionals.slice(spec.words.length);
  const variadic = spec.positionals[spec.positionals.length - 1]?.endsWith('…') === true;
  if (variadic ? args.length < spec.positionals.length : args.length !== spec.positionals.length) {
    const expected = spec.positionals.length === 0 ? 'no arguments' : spec.positionals.join(' ');
    throw usageError(`${name} takes ${expected}, got ${args.length === 0 ? 'none' : `"${args.join(' ')}"`} (see firebreak ${name} --help)`);
  }
  for (const [option, o] of Object.entries(spec.options)) {
    if (o.required && strict.values[option] === undefined) {
      throw usageError(`${name} needs --${option} ${o.value ?? 'VALUE'} (see firebreak ${name} --help)`);
    }
  }
  spec.check?.(strict.values, args);
  return { kind: 'run', spec, values: strict.values, args };
}

function findCommand(words: string[], commands: readonly CommandSpec[]): CommandSpec | undefined {
  return commands.find((c) => c.words.every((w, i) => words[i] === w));
}

function toParseOptions(options: Record<string, OptionSpec>): ParseOptions {
  const out: ParseOptions = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  return out;
}

/** node:util's messages run to several sentences of advice; one line is enough here. */
function describeParseError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const match = /Unknown option '([^']+)'/.exec(message);
    return `unknown option ${match?.[1] ?? ''}`.trim();
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const match = /Option '([^' ]+)[^']*' argument missing/.exec(message);
    if (match) return `${match[1]} needs a value`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'unexpected argument';
  return (message.split('. ')[0] ?? message).replace(/\.$/, '');
}
