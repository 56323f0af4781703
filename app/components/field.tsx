/** A labelled form field with its hint and the server's complaint about it, if any. */
export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
  className = '',
}: {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && (
        <p id={`${htmlFor}-error`} role="alert" className="mt-1 text-sm font-medium text-alert">
          {error}
        </p>
      )}
    </div>
  );
}

export const inputClass = [
  'mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base',
  'focus:border-lagoon-600 focus:outline-none focus:ring-2 focus:ring-lagoon-100',
  'aria-[invalid=true]:border-alert',
].join(' ');
