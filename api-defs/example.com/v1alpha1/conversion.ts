// Conversion hooks of example.com/v1alpha1.
//
// The generator converts every field whose JSON name and type are the same here and in the
// internal type (generated from the hub version, v1). For a type with fields that do not match,
// it requires a pair of hooks named after the type, `<Type>ToInternal` and `<Type>FromInternal`,
// and fails listing the unmatched field paths when they are missing. Each hook runs after the
// generated code has copied the matching fields into `dst`; it fills in the rest.
//
// Here only WidgetSpec differs: v1alpha1 `paint` is v1 `color`.
import type * as v1alpha1 from './types.js';
import type * as internal from '../../../generated/example.com/internal/types.js';

export function WidgetSpecToInternal(src: v1alpha1.WidgetSpec, dst: internal.WidgetSpec): void {
  if (src.paint !== undefined) dst.color = src.paint;
}

export function WidgetSpecFromInternal(src: internal.WidgetSpec, dst: v1alpha1.WidgetSpec): void {
  if (src.color !== undefined) dst.paint = src.color;
}
