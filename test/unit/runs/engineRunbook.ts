/** A runbook that exercises every rule of the run semantics (docs/runbook-format.md), for engine tests. */
export const ENGINE_RUNBOOK = (version = '1.0.0', triageTitle = 'Triage') => `format: 1
id: engine-test
title: Engine test
version: ${version}
summary: Exercises every rule of a run.
appliesTo: { categories: [other], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: clock-start, kind: timer, title: Start the clock, phase: { csf: Detect, picerl: Identification }, clock: c, action: start, deadline: 2h, remindEvery: 30m }
  - { id: triage, kind: task, title: ${triageTitle}, phase: { csf: Detect, picerl: Identification } }
  - { id: kind, kind: input, title: What kind, phase: { csf: Detect, picerl: Identification }, name: kind, type: choice, options: [small, big], requires: [triage] }
  - { id: big-only, kind: task, title: Only for big ones, phase: { csf: Respond, picerl: Containment }, when: { inputs: { kind: big } } }
  - { id: sev1-only, kind: task, title: Only for SEV1, phase: { csf: Respond, picerl: Containment }, requires: [triage], when: { severityAtLeast: SEV1 } }
  - { id: list, kind: checklist, title: Checklist, phase: { csf: Respond, picerl: Containment }, requires: [triage], items: [first, second, third] }
  - id: choose
    kind: decision
    title: Choose a way
    phase: { csf: Respond, picerl: Containment }
    requires: [list]
    question: Which way?
    answers:
      - { value: left, label: Left, goto: [left-step] }
      - { value: right, label: Right, goto: [right-step] }
  - { id: left-step, kind: task, title: Left, phase: { csf: Respond, picerl: Containment } }
  - { id: right-step, kind: evidence, title: Right needs evidence, phase: { csf: Respond, picerl: Containment }, attach: Two files, minFiles: 2 }
  - { id: join, kind: approval, title: Two managers approve, phase: { csf: Recover, picerl: Recovery }, requires: [left-step, right-step], people: 2, role: manager }
  - { id: count, kind: input, title: People affected, phase: { csf: Recover, picerl: Recovery }, name: affected, type: affected-counts, writes: affected, requires: [join] }
  - id: check
    kind: decision
    title: Counts right?
    phase: { csf: Recover, picerl: Recovery }
    requires: [count]
    question: Are the counts right?
    answers:
      - { value: yes, label: Yes }
      - { value: no, label: "No, count again", repeatFrom: count }
  - { id: clock-stop, kind: timer, title: Stop the clock, phase: { csf: Improve, picerl: Lessons Learned }, requires: [check], clock: c, action: stop }
`;
