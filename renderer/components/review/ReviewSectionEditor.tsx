import { useState } from 'react';
import { MAX_REVIEW_SECTION_CHARS, REVIEW_SECTION_INFO, type ReviewSection } from '../../../contract';
import { MarkdownView } from '../common/MarkdownView';

/**
 * One section of the review: its question, a Markdown textarea with a preview (for review:write),
 * or the text rendered. `theirs`: the other writer's text when both changed the section meanwhile.
 */
export function ReviewSectionEditor({
  section, text, saved, canWrite, theirs, onChange, onResolved, idPrefix = 'review',
}: {
  section: ReviewSection;
  /** Element ids start with it: an old version shown in a dialog must not reuse the editor's ids. */
  idPrefix?: string;
  text: string;
  /** The text of the version the editor is based on: a difference is an unsaved change. */
  saved: string;
  canWrite: boolean;
  theirs: { text: string; by: string; version: number } | null;
  onChange: (text: string) => void;
  onResolved: () => void;
}) {
  const [preview, setPreview] = useState(false);
  const info = REVIEW_SECTION_INFO[section];
  const id = `${idPrefix}-${section}`;
  const unsaved = text !== saved;
  return (
    <section className={`review-section${unsaved ? ' is-unsaved' : ''}`} aria-labelledby={`${id}-title`} data-section={section}>
      <div className="review-section-head">
        <h3 id={`${id}-title`}>{info.title}</h3>
        {unsaved && <span className="badge badge-pending">Unsaved</span>}
        {canWrite && (
          <div className="segmented segmented-inline review-mode" role="group" aria-label={`${info.title}: write or preview`}>
            <button type="button" className={`segment${preview ? '' : ' is-checked'}`} aria-pressed={!preview} onClick={() => setPreview(false)}>Write</button>
            <button type="button" className={`segment${preview ? ' is-checked' : ''}`} aria-pressed={preview} onClick={() => setPreview(true)}>Preview</button>
          </div>
        )}
      </div>
      <p className="field-hint" id={`${id}-question`}>{info.question}</p>
      {theirs && (
        <div className="review-theirs" role="group" aria-label={`${info.title} as ${theirs.by} saved it in version ${theirs.version}`}>
          <p className="small"><strong>{theirs.by}</strong> changed this section in version {theirs.version} while you were writing. Theirs:</p>
          <MarkdownView text={theirs.text} empty="(they emptied it)" />
          <div className="review-theirs-actions">
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => {
              onChange(theirs.text);
              onResolved();
            }}>Use their text</button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={onResolved}>Keep mine</button>
          </div>
        </div>
      )}
      {canWrite && !preview ? (
        <textarea
          id={id}
          className="review-text"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-question`}
          rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
          value={text}
          maxLength={MAX_REVIEW_SECTION_CHARS}
          placeholder="Markdown: **bold**, *italic*, - lists, 1. numbered, `code`, [links](https://…)"
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <div className="review-preview" data-testid={`${id}-preview`}>
          <MarkdownView text={text} />
        </div>
      )}
    </section>
  );
}
