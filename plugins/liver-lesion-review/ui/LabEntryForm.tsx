import { useState, type FormEvent } from 'react';
import { LAB_ANALYTES } from '../domain/labs/analytes';
import {
  LAB_ANALYTE_ORDER,
  type LabAnalyte,
  type LabValue,
  type TreatmentEvent,
} from '../domain/labs/types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Adds one lab value (canonical unit, the lab's ULN) or one treatment event by hand. */
export function LabEntryForm({
  onLab,
  onTreatment,
}: {
  readonly onLab: (value: LabValue) => void;
  readonly onTreatment: (event: TreatmentEvent) => void;
}) {
  const [date, setDate] = useState('');
  const [analyte, setAnalyte] = useState<LabAnalyte>('ALT');
  const [value, setValue] = useState('');
  const [uln, setUln] = useState('');
  const [drug, setDrug] = useState('');
  const [kind, setKind] = useState<TreatmentEvent['kind']>('start');
  const [dose, setDose] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const unit = LAB_ANALYTES[analyte].unit;

  const addLab = (e: FormEvent): void => {
    e.preventDefault();
    const v = Number(value);
    const upper = uln === '' ? null : Number(uln);
    if (!ISO_DATE.test(date)) return setProblem('Date must be YYYY-MM-DD.');
    if (value === '' || !Number.isFinite(v) || v < 0)
      return setProblem('Value must be a number ≥ 0.');
    if (upper !== null && (!Number.isFinite(upper) || upper <= 0))
      return setProblem('ULN must be a positive number.');
    setProblem(null);
    onLab({
      analyte,
      date,
      value: v,
      unit,
      referenceRange: { lower: null, upper },
      source: 'entered by the reader',
    });
    setValue('');
  };
  const addTreatment = (e: FormEvent): void => {
    e.preventDefault();
    if (!ISO_DATE.test(date)) return setProblem('Date must be YYYY-MM-DD.');
    if (drug.trim() === '') return setProblem('Name the drug.');
    setProblem(null);
    onTreatment({
      id: `treatment-${date}-${drug.trim()}-${kind}`,
      date,
      dateCertainty: 'exact',
      drug: drug.trim(),
      kind,
      doseMg: dose === '' || kind === 'stop' ? null : Number(dose),
      schedule: null,
    });
  };

  return (
    <div className="lab-entry">
      <label>
        Date <input type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </label>
      <form onSubmit={addLab} aria-label="Add a lab value" className="review-controls">
        <select
          aria-label="Test"
          value={analyte}
          onChange={(e) => setAnalyte(e.currentTarget.value as LabAnalyte)}
        >
          {LAB_ANALYTE_ORDER.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label>
          Value ({unit}){' '}
          <input
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <label>
          ULN ({unit}){' '}
          <input inputMode="decimal" value={uln} onChange={(e) => setUln(e.currentTarget.value)} />
        </label>
        <button type="submit">Add lab value</button>
      </form>
      <form onSubmit={addTreatment} aria-label="Add a treatment event" className="review-controls">
        <label>
          Drug <input value={drug} onChange={(e) => setDrug(e.currentTarget.value)} />
        </label>
        <select
          aria-label="Event"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as TreatmentEvent['kind'])}
        >
          <option value="start">start</option>
          <option value="dose-change">dose change</option>
          <option value="stop">stop</option>
        </select>
        <label>
          Dose (mg){' '}
          <input
            inputMode="decimal"
            value={dose}
            onChange={(e) => setDose(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Add treatment event</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
