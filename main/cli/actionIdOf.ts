import { parseActionId } from '../../contract/reviewTerms';
import { usageError } from './CliError';

/** The action item id a command was given (A-7, a-7 or 7), or a usage error saying what one looks like. */
export function actionIdOf(text: string | undefined): number {
  const id = text === undefined ? null : parseActionId(text);
  if (id === null) throw usageError(`${JSON.stringify(text ?? '')} is not an action item id: give one like A-7 (or 7), as \`firebreak action list\` shows`);
  return id;
}
