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
    // The longest run of leading words that names a group (`backup`, `backup plan`).
    const prefix = groupPrefix(words, commands);
    if (prefix.length > 0 && (wantsHelp || words.length === prefix.length)) {
      const group = prefix.join(' ');
      if (wantsHelp) return { kind: 'help', text: groupHelp(group, commands) };
      const subs = [...new Set(commands.filter((c) => startsWith(c.words, prefix)).map((c) => c.words[prefix.length]))];
      throw usageError(`${group} needs a subcommand: ${subs.join(', ')} (see firebreak ${group} --help)`);
    }
    const shown = words.slice(0, prefix.length + 1).join(' ');
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
  // `[PLAN]`: an optional positional (only after the required ones).
  const required = spec.positionals.filter((p) => !p.startsWith('[')).length;
  const most = variadic ? Infinity : spec.positionals.length;
  if (args.length < required || args.length > most) {
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
  return commands.find((c) => startsWith(words, c.words));
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((w, i) => words[i] === w);
}

/** The longest prefix of `words` that some longer command starts with; [] when none. */
function groupPrefix(words: string[], commands: readonly CommandSpec[]): string[] {
  for (let n = words.length; n > 0; n--) {
    const prefix = words.slice(0, n);
    if (commands.some((c) => c.words.length > n && startsWith(c.words, prefix))) return prefix;
  }
  return [];
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
