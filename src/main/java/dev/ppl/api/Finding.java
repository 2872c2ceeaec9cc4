package dev.ppl.api;

import java.util.List;

/**
 * One problem a rule found on a claim.
 *
 * @param rule the rule id
 * @param policy {@code id@version} of the policy that declared the rule
 * @param severity {@code reject}, {@code deny}, {@code review} or {@code info}
 * @param line the claim line it is about, or null for the claim as a whole
 * @param group X12 claim adjustment group code ({@code CO}, {@code PR}, {@code OA}), or null
 * @param carc claim adjustment reason code, or null
 * @param rarc remittance advice remark codes
 * @param message what is wrong, with the claim's own values
 * @param fix what to do about it, or null
 * @param citation the source the rule implements, or null
 * @param source {@code file:line} of the rule in its policy file
 */
public record Finding(
        String rule,
        String policy,
        String severity,
        Integer line,
        String group,
        String carc,
        List<String> rarc,
        String message,
        String fix,
        String citation,
        String source) {

    public Finding {
        rarc = List.copyOf(rarc);
    }
}
