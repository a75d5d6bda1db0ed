import { useState, type FormEvent } from 'react';
import { Button, Field } from '../../ui';
import { defaultFilters, RADIUS_CHOICES_KM, type ActivityFilters as Filters } from './search-filters';

/**
 * Text and tags apply on "Search"; the toggles, days and distance apply at
 * once. The form is keyed by the URL's filters, so Back shows what it says.
 */
export function ActivityFilters({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const [text, setText] = useState({ q: filters.q, tags: filters.tags });

  function search(event: FormEvent) {
    event.preventDefault();
    onChange({ ...filters, ...text });
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, ...text, [key]: value });
  const isDefault = JSON.stringify(filters) === JSON.stringify(defaultFilters);

  return (
    <form className="form activity-filters" role="search" aria-label="Search activities" onSubmit={search}>
      <Field label="Search">
        <input
          type="search"
          value={text.q}
          placeholder="Title, description or place"
          onChange={(e) => setText({ ...text, q: e.target.value })}
        />
      </Field>
      <Field label="With any of the tags" hint="Separated by commas">
        <input value={text.tags} onChange={(e) => setText({ ...text, tags: e.target.value })} />
      </Field>
      <div className="activity-filters__row">
        <label className="checkbox">
          <input type="checkbox" checked={filters.mine} onChange={(e) => set('mine', e.target.checked)} />
          Only mine
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filters.past} onChange={(e) => set('past', e.target.checked)} />
          Past and cancelled
        </label>
      </div>
      <details className="activity-filters__more" open={Boolean(filters.fromDay || filters.toDay || filters.withinKm)}>
        <summary>When and how far</summary>
        <div className="activity-filters__row">
          <Field label="From day">
            <input type="date" value={filters.fromDay} onChange={(e) => set('fromDay', e.target.value)} />
          </Field>
          <Field label="To day">
            <input
              type="date"
              value={filters.toDay}
              min={filters.fromDay || undefined}
              onChange={(e) => set('toDay', e.target.value)}
            />
          </Field>
        </div>
        <Field label="Distance" hint="From where you are now; your browser asks first">
          <select value={filters.withinKm} onChange={(e) => set('withinKm', Number(e.target.value))}>
            {RADIUS_CHOICES_KM.map((km) => (
              <option key={km} value={km}>
                {km === 0 ? 'Anywhere' : `Within ${km} km`}
              </option>
            ))}
          </select>
        </Field>
      </details>
      <div className="actions">
        <Button type="submit">Search</Button>
        {!isDefault && (
          <Button type="button" variant="secondary" onClick={() => onChange(defaultFilters)}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
