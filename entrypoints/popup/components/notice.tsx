interface NoticeProps {
  text: string | null;
  tone?: 'info' | 'success' | 'warning';
}

/** A message about what happened elsewhere or just now ("This device was signed out…"), in role="status". */
export function Notice({ text, tone = 'info' }: NoticeProps) {
  return (
    <p class={`notice ${tone}`} role="status" hidden={text === null}>
      {text}
    </p>
  );
}
