import { useState } from "preact/hooks";

/** Copies `text` to the clipboard and says so; where the clipboard is not allowed, says to copy by hand. */
export function CopyButton(props: { text: string; label: string }) {
  const [said, setSaid] = useState<string>("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text);
      setSaid("Copied");
    } catch {
      setSaid("Select the text and copy it (the browser did not allow the clipboard)");
    }
  }
  return (
    <span class="copy">
      <button type="button" onClick={copy} aria-label={props.label}>
        Copy
      </button>
      <span class="copy-said" role="status">
        {said}
      </span>
    </span>
  );
}

/** A read-only value to paste elsewhere (selected on focus), with its Copy button. */
export function CopyField(props: { value: string; label: string; copyLabel: string }) {
  return (
    <div class="endpoint">
      <input
        readOnly
        value={props.value}
        aria-label={props.label}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton text={props.value} label={props.copyLabel} />
    </div>
  );
}
