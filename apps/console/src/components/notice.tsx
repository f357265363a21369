import type { ComponentChildren } from "preact";

/** A message read out by screen readers as it appears: errors assertively, confirmations politely. */
export function Notice(props: { kind: "error" | "success" | "info"; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}
