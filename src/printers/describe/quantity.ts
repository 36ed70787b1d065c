// resource.Quantity lives in the API layer (src/api/resource-quantity.ts): quota and limit
// ranges compute with it too. Re-exported for the printers.
export * from '../../api/resource-quantity';
