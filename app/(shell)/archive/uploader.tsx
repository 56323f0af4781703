'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { fill, type ArchiveMessages } from './messages';
import { stowFile, type UploadOutcome } from './stow-upload';

interface FileRow {
  name: string;
  size: number;
  sent: number;
  outcome?: UploadOutcome;
}

// Four files in flight keep a hospital uplink busy without starving the viewer's requests.
const PARALLEL_UPLOADS = 4;

/**
 * Drop zone and picker for files or a whole folder (a CD's DICOM folder). Each file goes to
 * the archive on its own, so one broken file never holds up the others, and the list says
 * what became of each.
 */
export function Uploader({ t }: { t: ArchiveMessages }) {
  const router = useRouter();
  const [rows, setRows] = useState<FileRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);

  async function upload(files: File[]) {
    const queue = files.filter((file) => file.size > 0 && !file.name.startsWith('.'));
    if (queue.length === 0 || busy) return;
    setBusy(true);
    setRows(
      queue.map((file) => ({
        name: file.webkitRelativePath || file.name,
        size: file.size,
        sent: 0,
      })),
    );

    const update = (index: number, change: Partial<FileRow>) =>
      setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const index = next++;
        const outcome = await stowFile(queue[index], (sent) => update(index, { sent }));
        update(index, { outcome, sent: queue[index].size });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
    setBusy(false);
    router.refresh();
  }

  const total = rows.reduce((sum, row) => sum + row.size, 0);
  const sent = rows.reduce((sum, row) => sum + row.sent, 0);
  const percent = total === 0 ? 0 : Math.round((sent / total) * 100);
  const stored = rows.filter((row) => row.outcome?.status === 'stored').length;
  const refused = rows.filter((row) => row.outcome?.status === 'refused');
  // Refused files first: the reader must see what did not go in without scrolling for it.
  const ordered = [...rows].sort(
    (a, b) => Number(b.outcome?.status === 'refused') - Number(a.outcome?.status === 'refused'),
  );

  return (
    <section className="space-y-3">
      <div
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void upload([...event.dataTransfer.files]);
        }}
        className={`rounded-lg border-2 border-dashed p-6 text-center ${
          dragging ? 'border-lagoon-600 bg-lagoon-50' : 'border-slate-300 bg-white'
        }`}
      >
        <p className="font-medium">{t.dropHere}</p>
        <div className="mt-3 flex flex-wrap justify-center gap-3">
          <label
            className={`cursor-pointer rounded-md bg-lagoon-700 px-4 py-2
              font-semibold text-white`}
          >
            {t.chooseFiles}
            <input
              type="file"
              multiple
              className="sr-only"
              data-testid="file-input"
              onChange={(event) => void upload([...(event.target.files ?? [])])}
            />
          </label>
          <button
            type="button"
            onClick={() => folderInput.current?.click()}
            className="rounded-md border border-lagoon-700 px-4 py-2 font-semibold text-lagoon-700"
          >
            {t.chooseFolder}
          </button>
          <input
            ref={(input) => {
              folderInput.current = input;
              // React does not know these attributes; they make the picker choose a folder.
              input?.setAttribute('webkitdirectory', '');
              input?.setAttribute('directory', '');
            }}
            type="file"
            multiple
            className="sr-only"
            onChange={(event) => void upload([...(event.target.files ?? [])])}
          />
        </div>
      </div>

      {rows.length > 0 && (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <div
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={t.progress}
            className="h-3 overflow-hidden rounded bg-slate-200"
          >
            <div
              className="h-full bg-lagoon-600 transition-[width]"
              style={{ width: `${percent}%` }}
            />
          </div>
          <p className="text-sm" data-testid="upload-summary">
            {percent} % · {fill(t.stored, { stored, total: rows.length })}
            {refused.length > 0 && ` · ${fill(t.refused, { n: refused.length })}`}
          </p>
          <ul
            className="max-h-64 divide-y divide-slate-100 overflow-y-auto text-sm"
            data-testid="upload-results"
          >
            {ordered.map((row) => (
              <li key={row.name} className="flex justify-between gap-3 py-1">
                <span className="truncate font-mono">{row.name}</span>
                <span
                  className={
                    row.outcome?.status === 'refused'
                      ? 'text-alert'
                      : row.outcome
                        ? 'text-lagoon-700'
                        : 'text-slate-500'
                  }
                >
                  {!row.outcome
                    ? `${Math.round((row.sent / Math.max(row.size, 1)) * 100)} %`
                    : row.outcome.status === 'stored'
                      ? t.fileStored
                      : row.outcome.message}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
