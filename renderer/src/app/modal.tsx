import { type ReactNode, useEffect, useRef } from 'react';

/** A dialog that takes focus when it opens and gives it back when it closes. */
export function Modal(props: { title: string; closeLabel: string; onClose: () => void; testId: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="modal-backdrop" onClick={props.onClose}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        tabIndex={-1}
        ref={ref}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="modal-header">
          <h2>{props.title}</h2>
          <button type="button" onClick={props.onClose}>
            {props.closeLabel}
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
