/**
 * Configuration groups every stylefleet service shares (Kafka and S3 connections), referenced from each
 * service's own {@code @ConfigMapping(prefix = "stylefleet")} so that the keys, defaults and their
 * documentation exist once.
 */
package dev.stylefleet.platform.config;
