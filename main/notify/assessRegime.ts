import {
  TRIGGER_FACT, type BreachFacts, type ClockStart, type HolidayCalendar, type Outcome, type Regime, type RegimeAssessment,
  type RuleFinding, type SourceCite, type StageDeadline,
} from '../../contract';
import { addPeriod, HolidayCalendarGapError, HolidayCalendarMissingError } from './clock';
import { earliest } from './clock/earliest';
import { yearEndOf } from './clock/yearEndOf';
import { evaluateCondition } from './evaluateCondition';

export interface AssessOptions {
  /** Holiday calendars by id, for business days. */
  holidays: ReadonlyMap<string, HolidayCalendar>;
  /** When each stage was actually submitted (`<regime>/<stage>` → ISO): a later stage counting from it starts there. */
  submitted?: ReadonlyMap<string, string>;
}

type Rule = Regime['applies'];

/**
 * One regime against the facts: in scope or not, each threshold and exemption with the facts it
 * read, the outcome and why, every stage's deadline (DORA's "no later than" backstop included:
 * the earlier of the two), and the facts still missing. Conservative where the facts are open:
 * an undecided threshold keeps the clocks running, an undecided exemption does not lift the duty.
 */
export function assessRegime(regime: Regime, facts: BreachFacts, opts: AssessOptions): RegimeAssessment {
  const sources = new Map(regime.sources.map((s) => [s.id, { cite: s.cite, url: s.url } satisfies SourceCite]));
  const cite = (id: string): SourceCite => sources.get(id) ?? { cite: id, url: '' };
  const missing = new Set<RegimeAssessment['missing'][number]>();
  const judge = (rule: Rule): RuleFinding => {
    const e = evaluateCondition(rule.when, facts);
    for (const m of e.missing) missing.add(m);
    return { id: rule.id, text: rule.text, result: e.result, facts: e.facts, source: cite(rule.source) };
  };

  const applies = judge(regime.applies);
  const thresholds = applies.result === 'no' ? [] : regime.thresholds.map(judge);
  const exemptions = applies.result === 'no' ? [] : regime.exemptions.map(judge);
  const failed = thresholds.find((t) => t.result === 'no');
  const exempt = exemptions.find((x) => x.result === 'yes');
  const open = applies.result === 'unknown' || thresholds.some((t) => t.result === 'unknown');
  const outcome: Outcome = applies.result === 'no' ? 'out-of-scope' : failed ? 'not-required' : exempt ? 'exempt' : open ? 'undetermined' : 'notify';
  if (outcome === 'out-of-scope' || outcome === 'not-required' || outcome === 'exempt') missing.clear();

  const why = {
    'out-of-scope': () => `Does not apply: ${applies.text} — not the case (${applies.facts.join('; ')}).`,
    'not-required': () => `Not required: ${failed?.text ?? ''} — not met (${failed?.facts.join('; ') ?? ''}).`,
    exempt: () => `Exempt: ${exempt?.text ?? ''} (${exempt?.facts.join('; ') ?? ''}).`,
    undetermined: () => `May apply: ${[applies, ...thresholds].filter((r) => r.result === 'unknown').map((r) => r.text).join('; ')} — still to be decided (missing: ${[...missing].join(', ')}). The clocks run meanwhile.`,
    notify: () => `Notify: ${[applies, ...thresholds].map((r) => `${r.text} (${r.facts.join('; ')})`).join('; ')}.`,
  }[outcome]();

  const stages: StageDeadline[] = [];
  if (outcome === 'notify' || outcome === 'undetermined') {
    const dueOf = new Map<string, string | null>();
    for (const stage of regime.stages) {
      const when = stage.when ? evaluateCondition(stage.when, facts) : null;
      if (when?.result === 'no') continue;
      for (const m of when?.missing ?? []) missing.add(m);
      const d = stage.deadline;
      const main = clockOf(d.from ?? { event: regime.trigger.event }, regime, facts, dueOf, opts);
      let due: string | null = null;
      let problem: string | null = null;
      // A count the calendar cannot make (a year it does not list) fails this stage only, visibly.
      const add = (start: string, amount: number, unit: NonNullable<typeof d.unit>): string | null => {
        try {
          return addPeriod(start, amount, unit, zoneOf(regime, opts));
        } catch (err) {
          if (!(err instanceof HolidayCalendarGapError || err instanceof HolidayCalendarMissingError)) throw err;
          problem = err.message;
          return null;
        }
      };
      let waitingFor = main.waitingFor;
      if (d.amount !== null && d.unit !== null && main.start !== null) due = add(main.start, d.amount, d.unit);
      if (d.noLaterThan) {
        const back = clockOf(d.noLaterThan.from, regime, facts, dueOf, opts);
        const backDue = back.start === null ? null : add(back.start, d.noLaterThan.amount, d.noLaterThan.unit);
        // While the backstop's start is unknown it may still bring the deadline forward: name the fact.
        if (back.waitingFor) missing.add(back.waitingFor);
        // The earlier of the two binds; with one start unknown, the known one is all there is so far.
        due = due !== null && backDue !== null ? earliest(due, backDue) : (due ?? backDue);
        if (main.start !== null) waitingFor = null;
        else if (backDue !== null) waitingFor = main.waitingFor;
      }
      if (waitingFor) missing.add(waitingFor);
      dueOf.set(stage.id, opts.submitted?.get(`${regime.id}/${stage.id}`) ?? due);
      const status: StageDeadline['status'] = d.amount === null ? 'asap' : problem !== null && due === null ? 'unavailable' : due === null ? 'waiting' : when?.result === 'unknown' ? 'conditional' : 'due';
      stages.push({
        id: stage.id, title: stage.title, wording: d.wording, amount: d.amount, unit: d.unit, clockStart: main.start, startsAt: main.label,
        due, status, waitingFor: due === null && d.amount !== null && problem === null ? waitingFor : null, problem: due === null ? problem : null, source: cite(d.source),
        // An incident's sent notices and decisions are read from its records (assessIncident).
        met: null,
      });
    }
  }

  return {
    regime: {
      id: regime.id, name: regime.name, title: regime.title, audience: regime.audience, recipient: regime.recipient, reviewedOn: regime.reviewed.on,
      jurisdiction: { code: regime.jurisdiction.code, name: regime.jurisdiction.name, timeZone: regime.jurisdiction.timeZone },
    },
    outcome,
    why,
    applies,
    thresholds,
    exemptions,
    stages,
    missing: [...missing],
    decision: null,
    open: outcome === 'notify' || outcome === 'undetermined',
    contents: regime.contents.map((c) => ({ id: c.id, text: c.text, field: c.field, stage: c.stage ?? null, source: cite(c.source) })),
    notes: regime.notes.map((n) => ({ text: n.text, source: cite(n.source) })),
    conflicts: regime.conflicts.map((c) => ({ text: c.text, readings: c.readings, conservative: c.conservative, sources: c.sources.map(cite) })),
  };
}

function zoneOf(regime: Regime, opts: AssessOptions) {
  const key = regime.jurisdiction.holidays;
  return { timeZone: regime.jurisdiction.timeZone, holidays: key === undefined ? null : (opts.holidays.get(key) ?? null) };
}

interface Clock {
  start: string | null;
  label: string;
  waitingFor: StageDeadline['waitingFor'];
}

function clockOf(from: ClockStart, regime: Regime, facts: BreachFacts, dueOf: ReadonlyMap<string, string | null>, opts: AssessOptions): Clock {
  if ('stage' in from) {
    const sent = opts.submitted?.get(`${regime.id}/${from.stage}`);
    return { start: dueOf.get(from.stage) ?? null, label: sent ? `submission of "${from.stage}"` : `stage "${from.stage}" (its deadline, until it is submitted)`, waitingFor: null };
  }
  const event = 'event' in from ? from.event : from.yearEndOf;
  const fact = TRIGGER_FACT[event];
  const at = facts[fact];
  if ('yearEndOf' in from) {
    return { start: at === null ? null : yearEndOf(at, regime.jurisdiction.timeZone), label: `end of the calendar year of ${event} (${fact})`, waitingFor: at === null ? fact : null };
  }
  return { start: at, label: `${event} (${fact})`, waitingFor: at === null ? fact : null };
}
