import { Kbd } from '../common/Kbd';
import { Modal } from '../common/Modal';

const GROUPS: { title: string; keys: [string[], string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      [['?'], 'Show this help'],
      [['/'], 'Filter incidents'],
      [['n'], 'Declare a new incident'],
      [['g', 'i'], 'Go to incidents'],
      [['g', 'r'], 'Go to runbooks'],
      [['g', 'b'], 'Go to backups'],
      [['g', 'd'], 'Go to notification deadlines'],
      [['g', 't'], 'Go to action items'],
      [['g', 'k'], 'Go to the KPI dashboard'],
      [['g', 's'], 'Go to settings (administrators)'],
      [['g', 'a'], 'Go to the audit log'],
      [['g', 'l'], 'Go to security alerts'],
      [['g', 'u'], 'Go to users'],
      [['g', 'm'], 'Go to my account'],
      [['Esc'], 'Close a dialog or menu'],
    ],
  },
  {
    title: 'Incident list',
    keys: [
      [['j'], 'Next incident (or ↓)'],
      [['k'], 'Previous incident (or ↑)'],
      [['Home'], 'First incident'],
      [['End'], 'Last incident'],
      [['Enter'], 'Open the selected incident'],
    ],
  },
  {
    title: 'Incident',
    keys: [
      [['e'], 'Edit details'],
      [['Ctrl', 'Enter'], 'Post the note being written (also a step note)'],
    ],
  },
];

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} size="md">
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcuts">
              {group.keys.map(([keys, what]) => (
                <div key={what}>
                  <dt>
                    {keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="key-then">{k === 'Enter' ? '+' : 'then'}</span>}
                        <Kbd>{k}</Kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted small">Single-key shortcuts are ignored while you type in a field.</p>
    </Modal>
  );
}
