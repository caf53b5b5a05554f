package nnlab;

/**
 * A gradient-descent update rule (handout Part 4). An optimizer keeps its own state (velocities, moment estimates)
 * from one call to the next, sized on the first call, so one instance serves one parameter vector.
 */
public interface Optimizer {

    /**
     * Updates {@code parameters} in place given ∂L/∂parameters.
     *
     * @param parameters the flat parameter vector, modified
     * @param gradient   same length as {@code parameters}, not modified
     */
    void update(double[] parameters, double[] gradient);
}
