// Types for the plain-JS rule, so TypeScript tests can import it.
import type { Rule } from 'eslint';

declare const rule: Rule.RuleModule;
export default rule;
