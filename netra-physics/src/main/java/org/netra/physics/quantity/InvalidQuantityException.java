package org.netra.physics.quantity;

/** A physical quantity was given an impossible value (negative activity, NaN dose, …). */
public final class InvalidQuantityException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidQuantityException(String message) {
        super(message);
    }
}
