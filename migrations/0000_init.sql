CREATE TABLE `command_results` (
	`tournament_id` text NOT NULL,
	`command_id` text NOT NULL,
	`seq` integer NOT NULL,
	`response` text NOT NULL,
	PRIMARY KEY(`tournament_id`, `command_id`)
);
--> statement-breakpoint
CREATE TABLE `events` (
	`tournament_id` text NOT NULL,
	`seq` integer NOT NULL,
	`event_id` text NOT NULL,
	`epoch` integer DEFAULT 0 NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`tournament_id`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_event_id` ON `events` (`tournament_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `meta` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `meta_key` ON `meta` (`key`);--> statement-breakpoint
CREATE TABLE `snapshots` (
	`tournament_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`body` text NOT NULL,
	`saved_at` integer NOT NULL
);
