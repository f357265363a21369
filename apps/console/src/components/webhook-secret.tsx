import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { CopyField } from "./copy-button.js";

/**
 * An endpoint's `whsec_…` signing secret, shown once: the server keeps it encrypted and never
 * returns it again, so this is the one chance to copy it. `children` says what changes for the
 * receiver (a new endpoint, or a rotation's overlap). The keyboard focus moves to the secret, selected,
 * ready to copy.
 */
export function WebhookSecret(props: { secret: string; onDone: () => void; children: ComponentChildren }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.querySelector("input")?.focus(), [props.secret]);
  return (
    <div class="secret" role="status" ref={panel}>
      <p>
        <strong>Copy this signing secret now: you won't see it again.</strong> The server keeps it encrypted
        and never shows it again; if it is lost, rotate the secret. {props.children}
      </p>
      <CopyField value={props.secret} label="Signing secret" copyLabel="Copy the signing secret" />
      <button type="button" onClick={props.onDone}>
        I have copied it
      </button>
    </div>
  );
}
