import type { SegmentationSession, SessionState } from '../createSegmentationSession';
import type { SegmentInfo, SegmentTypeContribution } from '../types';

function toHex(color: readonly [number, number, number]): string {
  return `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function fromHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function describeImportedType(segment: SegmentInfo): string {
  const code = segment.imported?.type;
  return code
    ? `${code.codeMeaning} (${code.codingSchemeDesignator} ${code.codeValue})`
    : 'No type code';
}

interface SegmentListProps {
  readonly session: SegmentationSession;
  readonly state: SessionState;
  readonly segmentTypes: readonly SegmentTypeContribution[];
}

/** Slicer's segment table: select, name, colour, type, show/hide, lock, size, delete. */
export function SegmentList({ session, state, segmentTypes }: SegmentListProps) {
  if (state.segments.length === 0) {
    return <p className="muted">No segments yet: add one, then paint or draw it.</p>;
  }
  return (
    <table className="segments" aria-label="Segments">
      <thead>
        <tr>
          <th scope="col">Edit</th>
          <th scope="col">Segment</th>
          <th scope="col">Voxels</th>
          <th scope="col">mL</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {state.segments.map((segment) => {
          const stats = state.stats.get(segment.index);
          const name = segment.label;
          return (
            <tr key={segment.index} className={state.activeIndex === segment.index ? 'active' : ''}>
              <td>
                <input
                  type="radio"
                  name="active-segment"
                  aria-label={`Edit ${name}`}
                  checked={state.activeIndex === segment.index}
                  onChange={() => session.setActive(segment.index)}
                />
                <input
                  type="color"
                  aria-label={`Colour of ${name}`}
                  value={toHex(segment.color)}
                  onChange={(e) =>
                    session.updateSegment(segment.index, { color: fromHex(e.currentTarget.value) })
                  }
                />
              </td>
              <td>
                <input
                  type="text"
                  className="segment-name"
                  aria-label={`Name of ${name}`}
                  value={name}
                  onChange={(e) =>
                    session.updateSegment(segment.index, { label: e.currentTarget.value })
                  }
                />
                <select
                  aria-label={`Type of ${name}`}
                  value={segment.typeId}
                  onChange={(e) =>
                    session.updateSegment(segment.index, { typeId: e.currentTarget.value })
                  }
                >
                  {!segmentTypes.some((type) => type.id === segment.typeId) && (
                    // A type loaded from a DICOM SEG that no segment type has.
                    <option value={segment.typeId}>{describeImportedType(segment)}</option>
                  )}
                  {segmentTypes.map((type) => (
                    <option key={type.id} value={type.id}>
                      {type.label} ({type.type.codingSchemeDesignator} {type.type.codeValue})
                    </option>
                  ))}
                </select>
                {segment.trackingId && (
                  <span className="tag" title={segment.trackingUid ?? ''}>
                    {segment.trackingId}
                  </span>
                )}
              </td>
              <td data-testid={`voxels-${segment.index}`}>{stats?.voxelCount ?? 0}</td>
              <td>{(stats?.volumeMl ?? 0).toFixed(2)}</td>
              <td className="segment-actions">
                <button
                  type="button"
                  aria-pressed={segment.visible}
                  aria-label={`Show ${name}`}
                  title={segment.visible ? 'Shown: click to hide' : 'Hidden: click to show'}
                  onClick={() =>
                    session.updateSegment(segment.index, { visible: !segment.visible })
                  }
                >
                  {segment.visible ? '●' : '○'}
                </button>
                <button
                  type="button"
                  aria-pressed={segment.locked}
                  aria-label={`Lock ${name}`}
                  title={
                    segment.locked ? 'Locked: click to allow edits' : 'Editable: click to lock'
                  }
                  onClick={() => session.updateSegment(segment.index, { locked: !segment.locked })}
                >
                  {segment.locked ? 'L' : 'E'}
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${name}`}
                  onClick={() => session.removeSegment(segment.index)}
                >
                  ×
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
