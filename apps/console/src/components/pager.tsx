import { pageRange } from "../format.js";

/** Previous / next buttons and "51–100 of 1,234" for a paged list. */
export function Pager(props: {
  label: string;
  startIndex: number;
  shown: number;
  total: number;
  pageSize: number;
  onPage: (startIndex: number) => void;
}) {
  const { startIndex, shown, total, pageSize } = props;
  return (
    <nav class="pager" aria-label={`${props.label} pages`}>
      <button
        type="button"
        disabled={startIndex <= 1}
        onClick={() => props.onPage(Math.max(1, startIndex - pageSize))}
      >
        ← Previous
      </button>
      <span aria-live="polite">{pageRange(startIndex, shown, total)}</span>
      <button
        type="button"
        disabled={startIndex + shown > total || shown === 0}
        onClick={() => props.onPage(startIndex + pageSize)}
      >
        Next →
      </button>
    </nav>
  );
}
