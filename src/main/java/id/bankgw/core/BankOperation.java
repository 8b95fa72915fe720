package id.bankgw.core;

/**
 * One documented endpoint of a bank: what differs from one endpoint to the next, in one place. The endpoint's route
 * ({@code direct:<id>}), its request check, its address, the meaning of its answer's codes and its REST facade path
 * all come from here, never from a route id.
 *
 * @param id          the operation's name: its route {@code direct:<id>}, the JMS {@code operation}, the metrics tag
 * @param method      the HTTP method the document gives
 * @param path        the path below the bank's base URL, with {@code {field}} filled from the request record
 * @param requestType the record the caller's request is read into and checked against
 * @param hasBody     whether the request record is sent as the body (GET and some PUTs send none)
 * @param codes       how the bank's code for this endpoint reads: success, final refusal or not final
 * @param ownRoute    true when the endpoint needs steps of its own (a money movement's reservation and tracking),
 *                    so its route is written out in routes/; otherwise the {@code bank-endpoint} template makes it
 * @param movesMoney  true when a call may move money: never resent blind, replayed from a dead letter only when confirmed
 * @param status      for a money movement, how an unclear answer is settled (its status question and verdicts)
 * @param command     its name on its product's JMS command queue (the {@code operation} header), null when not offered there
 * @param rest        how the gateway's REST facade offers it (core/BankFacade), null when not offered there
 * @param description what it does, for people: the route's description and the facade's OpenAPI summary
 */
public record BankOperation(String id, String method, String path, Class<?> requestType, boolean hasBody, CodeTable codes,
                            boolean ownRoute, boolean movesMoney, StatusPolicy status, String command, Rest rest,
                            String description) {

    /**
     * The facade's verb and path for an operation ({@code {field}} segments are the request record's fields, by their
     * JSON name), and for a verb that carries a body one example request, valid for the record's rules.
     */
    public record Rest(String method, String path, String example) {

        /** Whether the caller sends the request as a JSON body (POST, PUT); otherwise the path and query carry it. */
        public boolean takesBody() {
            return method.equals("POST") || method.equals("PUT");
        }
    }

    /** An endpoint that sends its request record as the body. */
    public static BankOperation send(String id, String method, String path, Class<?> requestType, CodeTable codes,
                                     String description) {
        return new BankOperation(id, method, path, requestType, true, codes, false, false, null, null, null, description);
    }

    /** An endpoint whose request fills only its path and query (no body). */
    public static BankOperation ask(String id, String method, String path, Class<?> requestType, CodeTable codes,
                                    String description) {
        return new BankOperation(id, method, path, requestType, false, codes, false, false, null, null, null, description);
    }

    /** The same endpoint, with its route written out in routes/ because it has steps of its own. */
    public BankOperation withOwnRoute() {
        return new BankOperation(id, method, path, requestType, hasBody, codes, true, movesMoney, status, command, rest, description);
    }

    /** The same endpoint, marked as one that may move money, settled by {@code status} when its answer is unclear. */
    public BankOperation movingMoney(StatusPolicy status) {
        java.util.Objects.requireNonNull(status, "a money movement needs its status policy");
        return new BankOperation(id, method, path, requestType, hasBody, codes, ownRoute, true, status, command, rest, description);
    }

    /** The same endpoint, offered on its product's command queue under this name. */
    public BankOperation asCommand(String name) {
        return new BankOperation(id, method, path, requestType, hasBody, codes, ownRoute, movesMoney, status, name, rest, description);
    }

    /** The same endpoint, offered on the REST facade as {@code method path}, its request read from the path and query. */
    public BankOperation onRest(String method, String path) {
        return onRest(method, path, null);
    }

    /** The same endpoint, offered on the REST facade as {@code method path} with a JSON body like {@code example}. */
    public BankOperation onRest(String method, String path, String example) {
        return new BankOperation(id, this.method, this.path, requestType, hasBody, codes, ownRoute, movesMoney, status, command,
                new Rest(method, path, example), description);
    }
}
