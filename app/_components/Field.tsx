// A labelled form input in Tremor's look; plain HTML so forms work before JavaScript loads.
export function Field(props: React.InputHTMLAttributes<HTMLInputElement> & { label: string; name: string }) {
  const { label, ...input } = props;
  return (
    <label className="block">
      <span className="text-tremor-default font-medium text-tremor-content-emphasis">{label}</span>
      <input
        id={input.name}
        {...input}
        className="mt-1 block w-full rounded-tremor-default border-tremor-border text-tremor-default shadow-tremor-input focus:border-tremor-brand-subtle focus:ring-tremor-brand-muted"
      />
    </label>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
      {message}
    </p>
  );
}
