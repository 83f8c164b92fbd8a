export { getLetterhead } from './getLetterhead';
export { setLetterhead } from './setLetterhead';
