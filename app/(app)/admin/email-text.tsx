/** An email address that may wrap before its @ on a narrow screen, rather than in the middle of a word. */
export function EmailText({ value }: { value: string }) {
  const at = value.indexOf('@');
  if (at < 1) return <>{value}</>;
  return (
    <>
      {value.slice(0, at)}
      <wbr />
      {value.slice(at)}
    </>
  );
}
