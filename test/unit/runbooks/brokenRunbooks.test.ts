import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadRunbook } from '../../../main/runbooks';

const DIR = fileURLToPath(new URL('../../fixtures/runbooks/broken/', import.meta.url));

/**
 * Every broken fixture with the exact problems it must produce, as `line:col: message`. Most
 * fixtures are a small valid runbook with one defect, so each line tests one check; the
 * position is the offending node (the key for an unknown key, the map for a missing field).
 */
const EXPECTED: Record<string, string[]> = {
  'alias-bomb.yaml': ["1:1: Excessive alias count indicates a resource exhaustion attack"],
  'answer-goto-and-repeat.yaml': ["25:9: answer \"no\" of step \"decide\" has both goto and repeatFrom: choose one"],
  'approval-three-people.yaml': ["16:13: \"people\" must be at most 2 in step \"sign-off\""],
  'collection-key.yaml': ["2:3: a key must be plain text, not a list or mapping"],
  'bad-category.yaml': ["7:25: \"appliesTo.categories[1]\" must be one of ransomware, malware, phishing, account-takeover, business-email-compromise, data-breach, lost-device, ddos, insider, cloud-credential-leak, outage, other, not \"ransom\""],
  'bad-csf-function.yaml': ["15:19: \"phase.csf\" must be one of Detect, Respond, Recover, Improve, not \"Contain\" in step \"isolate\""],
  'bad-step-id.yaml': ["12:9: \"id\" must be lower-case letters, digits and single hyphens, starting with a letter in step \"Isolate_Host\""],
  'bad-version-format.yaml': ["4:10: \"version\" must be a version like 1.0.0"],
  'branch-missing.yaml': ["24:16: answer \"yes\" of step \"decide\" goes to unknown step \"reconnect\""],
  'choice-without-options.yaml': ["17:11: input \"backup-state\" of type choice needs options"],
  'cycle-goto.yaml': ["12:9: cycle without exit: \"check\" → \"reimage\" → \"recheck\" → \"check\" wait on each other (to repeat steps, use repeatFrom in a decision's answer)"],
  'cycle-requires.yaml': ["12:9: cycle without exit: \"isolate\" → \"reimage\" → \"isolate\" wait on each other (to repeat steps, use repeatFrom in a decision's answer)"],
  'duplicate-answer.yaml': ["20:16: duplicate answer \"yes\" in step \"decide\""],
  'duplicate-step-id.yaml': ["16:9: duplicate step id \"isolate\" (first at 12:9)"],
  'empty-steps.yaml': ["11:8: \"steps\" needs at least 1 item(s)"],
  'empty.yaml': ["1:1: a runbook must be a mapping of keys to values, not empty (null)"],
  'input-writes-wrong-type.yaml': ["18:13: input \"detected\" writes detectedAt, which needs type datetime, not text"],
  'loop-without-exit.yaml': ["23:7: cycle without exit: every answer of decision \"recheck\" repeats an earlier step"],
  'missing-kind.yaml': ["12:5: missing required field \"kind\" in step \"isolate\""],
  'missing-step-phase.yaml': ["12:5: missing required field \"phase\" in step \"isolate\""],
  'missing-title.yaml': ["1:1: missing required field \"title\""],
  'multiple-problems.yaml': ["12:5: missing required field \"title\" in step \"isolate\"","14:5: unknown key \"tittle\" in step \"isolate\"","17:11: \"kind\" must be one of task, checklist, input, decision, timer, approval, evidence, notify, command, not \"chore\" in step \"isolate\""],
  'not-a-mapping.yaml': ["1:1: a runbook must be a mapping of keys to values, not a list"],
  'repeat-missing.yaml': ["27:21: answer \"no\" of step \"decide\" repeats from unknown step \"isolat\""],
  'repeat-not-before.yaml': ["26:21: answer \"no\" of step \"recheck\" repeats from \"reimage\", which does not come before it"],
  'requires-itself.yaml': ["16:16: step \"isolate\" requires itself"],
  'requires-missing.yaml': ["20:16: step \"reimage\" requires unknown step \"isolat\""],
  'source-http-url.yaml': ["11:10: \"sources[0].url\" must be an https URL"],
  'timer-stop-unstarted.yaml': ["16:12: step \"stop-clock\" stops clock \"containment\", which no step starts"],
  'unknown-key-phase.yaml': ["15:49: unknown key \"nist\" in phase in step \"isolate\""],
  'unknown-key-step.yaml': ["12:5: missing required field \"title\" in step \"isolate\"","14:5: unknown key \"tittle\" in step \"isolate\""],
  'unknown-key-top.yaml': ["1:1: missing required field \"summary\"","5:1: unknown key \"sumary\""],
  'unknown-kind.yaml': ["13:11: \"kind\" must be one of task, checklist, input, decision, timer, approval, evidence, notify, command, not \"chore\" in step \"isolate\""],
  'unknown-when-field.yaml': ["21:7: when: unknown field \"sevrity\" in step \"notify-legal\" (known: severityAtLeast, category, dataCategories, jurisdictions, inputs)"],
  'unreachable-exclusive-branches.yaml': ["28:9: unreachable step \"reconnect\": it is switched on by other answers of the decision that the steps it requires need"],
  'unreachable-impossible-input.yaml': ["19:9: unreachable step \"restore\": input \"backup-state\" can never be \"partial\" (it is one of intact, gone)"],
  'when-bad-severity.yaml': ["21:24: \"when.severityAtLeast\" must be one of SEV1, SEV2, SEV3, SEV4, not \"SEV5\" in step \"escalate\""],
  // A personal answer is sealed: it can neither be written into the incident nor decide a condition.
  'personal-input-writes.yaml': ["19:13: input \"suspect\" is personal and cannot write the incident's summary (which everyone reads); remove writes, or personal"],
  'when-personal-input.yaml': ["26:17: when: cannot read input \"status\", which is personal (its answer is sealed); branch with a decision step instead"],
  'when-unknown-input.yaml': ["22:21: when: refers to input \"host-count\", which no input step defines"],
  'wrong-format-version.yaml': ["1:9: \"format\" must be 1, not 2"],
  'wrong-type-items.yaml': ["16:12: \"items\" must be a list, not text \"Unplug the cable\" in step \"check\""],
  'wrong-type-steps.yaml': ["11:8: \"steps\" must be a list, not text \"isolate the host\""],
  'wrong-type-version.yaml': ["4:10: \"version\" must be text, not number 1"],
  'yaml-duplicate-key.yaml': ["16:5: duplicate key \"title\""],
  'yaml-multiple-documents.yaml': ["16:1: a runbook file holds one YAML document, but a second one starts here"],
  'yaml-syntax.yaml': ["17:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  'yaml-tab-indent.yaml': ["8:1: YAML: Tabs are not allowed as indentation"],
};

describe('broken runbooks', () => {
  it('the corpus has at least 30 files, and every file has its expectation (and vice versa)', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, problems) => {
    const result = loadRunbook(file, readFileSync(`${DIR}${file}`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual(problems);
    // Never half-loaded: a failed result carries no runbook at all.
    expect(result).not.toHaveProperty('runbook');
  });

  it('formats a problem as file:line:col: message', () => {
    expect(formatProblem('runbooks/x.yaml', { line: 12, col: 5, message: 'unknown key "tittle" in step "isolate"' })).toBe(
      'runbooks/x.yaml:12:5: unknown key "tittle" in step "isolate"',
    );
  });
});
